FROM debian:bookworm-slim
# make it runnable
COPY --chmod=+x server /usr/local/bin/
ENTRYPOINT ["server"]
