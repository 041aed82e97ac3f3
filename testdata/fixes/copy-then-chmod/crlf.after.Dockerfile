FROM debian:bookworm-slim
COPY --chmod=0700 --link app.bin /opt/app.bin
CMD ["/opt/app.bin"]
