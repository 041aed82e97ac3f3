FROM debian:bookworm-slim
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
COPY app.yaml /etc/app/app.yaml
# A script and a configuration file are a few kilobytes: stored twice, they
# cost nothing worth a word.
RUN chmod +x /usr/local/bin/entrypoint.sh && chmod 600 /etc/app/app.yaml
COPY server /usr/local/bin/server
# The twin: a program, whose bytes do count.
# want "copy-then-chmod"
RUN chmod +x /usr/local/bin/server
ENTRYPOINT ["entrypoint.sh"]
