FROM debian:bookworm-slim
WORKDIR /opt/app
RUN make
workdir /srv
