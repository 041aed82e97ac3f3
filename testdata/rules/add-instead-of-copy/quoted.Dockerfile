FROM alpine:3.20
# Quotes are the shell form's, not the file's: ADD unpacks file.tgz and
# fetches the URL, as it would without them.
ADD "file.tgz" /usr/src/app/
ADD 'vendor.tar.gz' /opt/
ADD "https://example.com/tool.tgz" /opt/
# The positive twins.
# want "add-instead-of-copy"
ADD "config.yaml" /etc/app/
# want "add-instead-of-copy"
ADD "bundle.zip" /opt/
