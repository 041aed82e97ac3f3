FROM debian:bookworm-slim
# want "add-remote-archive"
ADD https://example.com/app-1.2.tar.gz /opt/
# want "add-remote-archive"
ADD "https://example.com/tool.tgz?download=1" /tmp/
