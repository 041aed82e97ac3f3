FROM debian:bookworm-slim
WORKDIR /opt/app
# The cd holds for the rest of the RUN.
RUN cd src && make
RUN cd /tmp; ls
RUN ["cd", "/opt"]
