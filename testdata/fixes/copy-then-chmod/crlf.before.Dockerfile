FROM debian:bookworm-slim
COPY --chmod=600 --link app.bin /opt/app.bin
RUN chmod 0700 /opt/app.bin
CMD ["/opt/app.bin"]
