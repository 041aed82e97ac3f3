FROM debian:bookworm-slim
# Installing sudo is not using it.
RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*
RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app
# As root, sudo -u only drops privileges for one command.
RUN sudo -u app bundle install && sudo --user=app git clone https://example.com/app.git /home/app/app
