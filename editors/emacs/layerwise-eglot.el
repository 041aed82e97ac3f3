;;; layerwise-eglot.el --- layerwise for Dockerfiles through Eglot  -*- lexical-binding: t; -*-

;; Load this file from your init (or paste its forms there):
;;
;;   (load "/path/to/layerwise/editors/emacs/layerwise-eglot.el")
;;
;; It needs Eglot (built in since Emacs 29; `M-x package-install RET eglot'
;; or Debian's elpa-eglot on Emacs 28) and a Dockerfile major mode:
;; `dockerfile-ts-mode' (Emacs 29+, with the tree-sitter grammar) or
;; `dockerfile-mode' (MELPA, or Debian's elpa-dockerfile-mode).
;; Quick fixes: `M-x eglot-code-actions' (or `eglot-code-action-quickfix');
;; fix everything: `M-x eglot-code-actions' with kind source.fixAll.layerwise;
;; hover: ElDoc at point.

;;; Code:

(require 'eglot)

(defgroup layerwise nil
  "The layerwise Dockerfile language server."
  :group 'tools)

(defcustom layerwise-program "layerwise"
  "The layerwise binary: a name on `exec-path' or an absolute path."
  :type 'string)

;; layerwise speaks LSP on stdio when run without arguments.
(add-to-list 'eglot-server-programs
             `(((dockerfile-mode :language-id "dockerfile")
                (dockerfile-ts-mode :language-id "dockerfile"))
               . ,(lambda (&rest _) (list layerwise-program))))

;; Files Emacs may not know as Dockerfiles yet.
(when (fboundp 'dockerfile-mode)
  (add-to-list 'auto-mode-alist
               '("\\(?:\\`\\|/\\)\\(?:Containerfile\\|Dockerfile\\)\\(?:\\.[^/]*\\)?\\'" . dockerfile-mode))
  (add-to-list 'auto-mode-alist '("\\.[Dd]ockerfile\\'" . dockerfile-mode)))

;; Start layerwise when a Dockerfile is visited.
(add-hook 'dockerfile-mode-hook #'eglot-ensure)
(add-hook 'dockerfile-ts-mode-hook #'eglot-ensure)

;; Settings have the shape of .layerwise.yaml and are laid over it. Set them
;; per project in .dir-locals.el, e.g.
;;
;;   ((nil . ((eglot-workspace-configuration
;;             . (:layerwise (:rules (:consecutive-run "off" :MaintainerDeprecated "error")
;;                            :trusted-base-images ["registry.example.com/base/*"]))))))

(provide 'layerwise-eglot)
;;; layerwise-eglot.el ends here
