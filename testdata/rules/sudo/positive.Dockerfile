FROM debian:bookworm-slim
USER app
# want "sudo"
RUN sudo apt-get update
# want "sudo"
RUN apt-get update && sudo -E apt-get install -y curl
# want "sudo"
RUN env DEBIAN_FRONTEND=noninteractive sudo apt-get install -y git
