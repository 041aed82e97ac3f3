FROM debian:bookworm-slim
# want "use-apt-get"
RUN apt update
# want "use-apt-get"
RUN apt install -y --no-install-recommends curl
# want "use-apt-get"
RUN /usr/bin/apt full-upgrade -y
# want "use-apt-get"
RUN apt show curl
# no apt-get equivalent: reported, not fixed
# want "use-apt-get"
RUN apt list --installed
# want "use-apt-get" "use-apt-get"
RUN apt-get update && apt search foo && sudo apt reinstall -y bash
