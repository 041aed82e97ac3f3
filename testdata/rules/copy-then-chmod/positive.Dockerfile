FROM debian:bookworm-slim
COPY server /usr/local/bin/
# want "copy-then-chmod"
RUN chmod +x /usr/local/bin/server
WORKDIR /app
COPY app.jar settings/app.jar
# relative to WORKDIR, with sudo
# want "copy-then-chmod" "copy-then-chmod"
RUN sudo chown app:app settings/app.jar && chmod 600 settings/app.jar
COPY --from=golang:1.22 /usr/local/go/bin/gofmt /usr/local/bin/gofmt
# want "copy-then-chmod"
RUN chmod 0755 /usr/local/bin/gofmt
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
# want "copy-then-chmod"
RUN chmod +x /tini
COPY . /srv
# a directory copy: every file is copied up again
# want "copy-then-chmod"
RUN chown -R www-data:www-data /srv
COPY server /app/server
# a heredoc script
# want "copy-then-chmod"
RUN <<EOF
chmod +x /app/server
EOF
