FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends openjdk-17-jre-headless
# the lists were written by the update RUN: moving this into the install RUN
# would hide the finding without shrinking the image, so no quick fix
RUN rm -rf /var/lib/apt/lists/*
