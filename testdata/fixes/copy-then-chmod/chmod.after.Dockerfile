FROM debian:bookworm-slim
# make it runnable
COPY --chmod=+x entrypoint.sh /usr/local/bin/
ENTRYPOINT ["entrypoint.sh"]
