FROM debian:bookworm-slim
ADD --unpack=true https://example.com/app-1.2.tar.gz /opt/
ADD --unpack=false https://example.com/app-1.2.tar.gz /srv/archive/
ADD https://example.com/install.sh /tmp/install.sh
ADD https://example.com/app.zip /tmp/
ADD app.tar.gz /opt/
