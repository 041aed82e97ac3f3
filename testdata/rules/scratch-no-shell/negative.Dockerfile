FROM golang:1.22 AS build
RUN go build -o /app .
FROM scratch AS runtime
COPY --from=build /app /app
HEALTHCHECK CMD ["/app", "health"]
ENTRYPOINT ["/app"]
CMD ["--port", "8080"]
# A root file system brings its own shell.
FROM scratch
ADD rootfs.tar.xz /
RUN apt-get update
CMD ["bash"]
