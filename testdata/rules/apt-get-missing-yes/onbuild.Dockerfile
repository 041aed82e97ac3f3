FROM debian:bookworm-slim
# The prompt fails the child's build.
# want "apt-get-missing-yes"
ONBUILD RUN apt-get install python3
ONBUILD RUN apt-get install -y python3
ONBUILD RUN apt-get -qq install python3
