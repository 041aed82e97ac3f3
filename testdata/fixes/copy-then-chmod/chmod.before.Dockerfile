FROM debian:bookworm-slim
COPY entrypoint.sh /usr/local/bin/
# make it runnable
RUN chmod +x /usr/local/bin/entrypoint.sh
ENTRYPOINT ["entrypoint.sh"]
