;;; test.el --- batch test: Eglot drives the real layerwise binary  -*- lexical-binding: t; -*-

;; LAYERWISE_BIN=/tmp/layerwise timeout 120 emacs --batch -q -l editors/emacs/test.el
;;
;; Visits a Dockerfile with layerwise-eglot.el loaded, waits for layerwise's
;; diagnostics in Flymake, applies a quick fix and checks the buffer changed,
;; asks for hover, and checks that eglot-workspace-configuration reaches the
;; server. Exits 0 when all checks pass, 1 otherwise; every wait has a limit.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar layerwise-test--failures 0)

(defun layerwise-test--check (ok what)
  (princ (format "%s %s\n" (if ok "ok  " "FAIL") what))
  (unless ok (cl-incf layerwise-test--failures))
  ok)

(defun layerwise-test--wait (pred seconds)
  "Run the event loop until PRED returns non-nil or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    result))

(defun layerwise-test--diag (needle)
  (cl-find-if (lambda (d) (string-match-p needle (flymake-diagnostic-text d)))
              (flymake-diagnostics)))

(defun layerwise-test--run ()
  (let* ((here (file-name-directory (or load-file-name buffer-file-name)))
         (bin (or (getenv "LAYERWISE_BIN") (executable-find "layerwise")))
         (dir (make-temp-file "layerwise-emacs-" t))
         (file (expand-file-name "Dockerfile" dir)))
    (layerwise-test--check (and bin (file-executable-p bin)) (format "layerwise binary: %s" bin))
    (package-initialize)                ; Debian's elpa-* packages
    (require 'eglot)
    (require 'flymake)
    (unless (require 'dockerfile-mode nil t)
      ;; Without a Dockerfile mode package, a minimal one does for the test.
      (define-derived-mode dockerfile-mode prog-mode "Dockerfile"))
    (load (expand-file-name "layerwise-eglot.el" here) nil t)
    (setq layerwise-program bin)
    (setq eglot-sync-connect t
          eglot-connect-timeout 30
          eglot-autoshutdown t)
    ;; Settings, as a user would set them (the shape of .layerwise.yaml).
    (setq-default eglot-workspace-configuration
                  '(:layerwise (:rules (:consecutive-run "off" :MaintainerDeprecated "error"))))
    (with-temp-file file
      (insert "FROM alpine:3.19\nMAINTAINER me\nRUN apt-get update\nRUN apt-get install curl\nFROM python:3.12\n"))
    (find-file file)
    (layerwise-test--check (derived-mode-p 'dockerfile-mode) (format "major mode: %s" major-mode))
    ;; eglot-ensure (added by layerwise-eglot.el) connects after the next
    ;; command, which batch mode never runs; connect as it would.
    (unless (bound-and-true-p eglot--managed-mode)
      (apply #'eglot--connect (eglot--guess-contact)))
    (layerwise-test--check (eglot-current-server) "Eglot connected to layerwise")

    ;; 1. A diagnostic from layerwise reaches Flymake.
    (let ((d (layerwise-test--wait (lambda () (layerwise-test--diag "[Mm]aintainer")) 30)))
      (unless (layerwise-test--check d "MaintainerDeprecated diagnostic in Flymake")
        (princ (format "  diagnostics: %S\n" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
        (cl-return-from layerwise-test--run))
      (layerwise-test--check (= (line-number-at-pos (flymake-diagnostic-beg d)) 2) "on line 2")
      ;; 2. The settings reached the server: error severity, consecutive-run off.
      (layerwise-test--check (eq (flymake-diagnostic-type d) 'eglot-error)
                             (format "settings: MaintainerDeprecated is an error (%s)" (flymake-diagnostic-type d)))
      (layerwise-test--check (layerwise-test--wait (lambda () (layerwise-test--diag "[Ll]arge\\|slim\\|alpine variant\\|full base")) 10)
                             "large-base-image reported")
      (layerwise-test--check (not (layerwise-test--diag "RUN instructions in a row"))
                             "settings: consecutive-run is off")

      ;; 3. A quick fix: request it, resolve it if it comes lazily, apply it.
      (let* ((actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix"))
             (action (car actions))
             (before (buffer-string)))
        (layerwise-test--check action (format "a quickfix for MAINTAINER (%d actions)" (length actions)))
        (when action
          (unless (plist-get action :edit)
            (setq action (jsonrpc-request (eglot-current-server) :codeAction/resolve action)))
          (layerwise-test--check (plist-get action :edit) "the action carries a WorkspaceEdit")
          (eglot--apply-workspace-edit (plist-get action :edit))
          (layerwise-test--check (not (equal before (buffer-string))) "the buffer changed")
          (layerwise-test--check (and (not (string-match-p "MAINTAINER" (buffer-string)))
                                      (string-match-p "^LABEL " (buffer-string)))
                                 "MAINTAINER became LABEL")
          ;; Eglot sends didChange and Flymake re-checks on idle timers,
          ;; which batch mode never runs: do what they would do.
          (eglot--signal-textDocument/didChange)
          (flymake-start)
          (layerwise-test--check
           (layerwise-test--wait (lambda () (not (layerwise-test--diag "[Mm]aintainer"))) 30)
           "the MaintainerDeprecated diagnostic is gone after the fix"))))

    ;; 4. Hover answers.
    (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                  (list :textDocument (eglot--TextDocumentIdentifier)
                                        :position (list :line 3 :character 1)))))
      (layerwise-test--check (plist-get hover :contents) "hover answers"))
    (ignore-errors (eglot-shutdown (eglot-current-server)))))

(condition-case err
    (layerwise-test--run)
  (error (cl-incf layerwise-test--failures)
         (princ (format "FAIL error: %S\n" err))))
(princ (if (zerop layerwise-test--failures)
           "emacs: all checks passed\n"
         (format "emacs: %d check(s) failed\n" layerwise-test--failures)))
(kill-emacs (if (zerop layerwise-test--failures) 0 1))
;;; test.el ends here
