# escape=`
FROM debian:bookworm-slim
COPY start /start
# want "copy-then-chmod"
RUN chmod `
    755 /start
