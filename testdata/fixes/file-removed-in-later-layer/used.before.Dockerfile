FROM debian:bookworm-slim
COPY installer.sh /tmp/installer.sh
RUN sh /tmp/installer.sh
# the installer is used before it is removed: no automatic fix
RUN rm /tmp/installer.sh
RUN echo "My Big Secret" >> /tmp/secret_key
RUN cat /tmp/secret_key
RUN rm /tmp/secret_key
