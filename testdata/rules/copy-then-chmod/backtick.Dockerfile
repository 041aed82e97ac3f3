# escape=`
FROM debian:bookworm-slim
COPY start.sh /start.sh
# want "copy-then-chmod"
RUN chmod `
    755 /start.sh
