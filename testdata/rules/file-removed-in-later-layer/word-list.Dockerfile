FROM fedora:41
# A list of package names, read as words by the install: a few bytes, no
# secret. Its removal in a later layer is not worth a word.
COPY extra-packages /
RUN dnf -y install $(<extra-packages) && dnf clean all
RUN rm /extra-packages
COPY ensure-files /
RUN while read file; do test -e "$file"; done < /ensure-files
RUN rm /ensure-files
# The positive twin: a file read by a program, not as a list.
COPY .npmrc /root/.npmrc
RUN dnf -y install nodejs && dnf clean all && npm install -g pnpm
# want "file-removed-in-later-layer"
RUN rm /root/.npmrc
