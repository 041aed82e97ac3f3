FROM debian:bookworm-slim
# nothing later reads the lists: the update goes
RUN mkdir /code
# the next RUN that touches the lists updates them itself
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# a script might need the lists: no fix
RUN apt-get update
RUN ./install-deps.sh
# other work in the same RUN: no fix
RUN apt-get update && echo fetched
