FROM debian:bookworm-slim
RUN cd /opt/app
RUN make
run cd /srv
