FROM debian:bookworm-slim
COPY server /usr/local/bin/
# make it runnable
RUN chmod +x /usr/local/bin/server
ENTRYPOINT ["server"]
