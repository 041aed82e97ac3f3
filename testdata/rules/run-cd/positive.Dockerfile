FROM debian:bookworm-slim
# want "run-cd"
RUN cd /opt/app
RUN make
# want "run-cd"
RUN cd
