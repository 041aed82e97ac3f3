FROM debian:bookworm-slim AS build
COPY secret.txt /tmp/secret.txt
# a builder stage is not shipped
RUN rm /tmp/secret.txt

FROM debian:bookworm-slim
# not created by this file: the base image's own file
RUN rm /etc/nginx/conf.d/default.conf
# created and removed in the same RUN
RUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
RUN rm -f /tmp/x.tgz
# written to a tmpfs mount: never in a layer
RUN --mount=type=tmpfs,target=/tmp echo hi > /tmp/scratch
RUN rm -f /tmp/scratch
# a cache mount
RUN --mount=type=cache,target=/root/.cache/pip pip install requests
RUN rm -rf /root/.cache/pip
RUN <<EOF
echo token > /tmp/token
./use-token /tmp/token
rm /tmp/token
EOF
# a directory copy when the build context is unknown
COPY . /app
RUN rm -rf /app/tests
# a cd makes relative paths unknown
COPY run.sh /opt/run.sh
RUN cd /opt && rm run.sh
