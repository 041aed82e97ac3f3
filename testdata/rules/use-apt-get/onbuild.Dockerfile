FROM debian:bookworm-slim
# want "use-apt-get"
onbuild run apt install -y python3
ONBUILD RUN apt-get install -y python3
ONBUILD ADD apt /tmp/apt
