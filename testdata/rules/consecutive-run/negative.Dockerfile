FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
WORKDIR /app
RUN echo one
COPY app /app
RUN echo two
# different flags are not merged
RUN --network=none make test
# exec form is not merged
RUN ["echo", "exec"]
RUN echo shell
# heredocs are not merged
RUN <<EOT
echo heredoc
EOT
FROM alpine:3.19
RUN echo "a new stage starts a new run"
