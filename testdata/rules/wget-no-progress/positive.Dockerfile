FROM debian:bookworm-slim
# want "wget-no-progress"
RUN wget https://example.com/app.tar.gz
# want "wget-no-progress"
RUN wget -O /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz
