FROM python:3.12-slim
# want "add-instead-of-copy"
ADD requirements.txt /app/
# want "add-instead-of-copy"
ADD --chown=app:app . /app
# a zip is never unpacked
# want "add-instead-of-copy"
add site.zip /srv/
# want "add-instead-of-copy"
ADD *.py /app/
# a github.com path without a scheme is a local path to BuildKit
# want "add-instead-of-copy"
ADD github.com/acme/tool /opt/tool
# want "add-instead-of-copy"
ADD <<EOF /etc/motd
hello
EOF

FROM alpine:3.20 AS build
# every stage: this is not about size
# want "add-instead-of-copy"
ADD src/ /src/
