FROM debian:bookworm-slim
# want "heredoc-without-errexit"
RUN <<EOF
curl -fsSLo /tmp/app.tgz https://example.com/app.tgz
tar -xzf /tmp/app.tgz -C /opt
rm /tmp/app.tgz
EOF
# want "heredoc-without-errexit"
RUN <<EOT
#!/bin/bash
apt-get update
apt-get install -y --no-install-recommends curl
EOT
