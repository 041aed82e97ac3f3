FROM debian:bookworm-slim
RUN <<EOF
set -e
curl -fsSLo /tmp/app.tgz https://example.com/app.tgz
tar -xzf /tmp/app.tgz -C /opt
EOF
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl
EOF
RUN <<EOF
#!/bin/sh -e
make
make install
EOF
RUN <<EOF
make && make install && make clean
EOF
RUN <<EOF
echo one-command
EOF
# A here-document that is a file, not a script.
COPY <<EOF /etc/app.conf
a=1
b=2
EOF
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-e", "-c"]
RUN <<EOF
make
make install
EOF
