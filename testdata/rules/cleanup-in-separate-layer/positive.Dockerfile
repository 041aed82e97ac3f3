FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
# want "cleanup-in-separate-layer"
RUN rm -rf /var/lib/apt/lists/*
# want "cleanup-in-separate-layer"
RUN apt-get clean && apt-get autoremove -y
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
# want "cleanup-in-separate-layer"
RUN SUDO_FORCE_REMOVE=yes apt-get purge -y build-essential
RUN ./configure && make && make install
# temp files of the build above
# want "cleanup-in-separate-layer"
RUN cd / && rm -rf /tmp/* /var/tmp/*
RUN dnf install -y make
# want "cleanup-in-separate-layer"
RUN if [ -d /var/cache/dnf ]; then dnf clean all; fi
