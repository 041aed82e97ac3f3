FROM golang:1.22 AS build
COPY main.go /src/main.go
# a builder stage is not shipped
RUN chmod 644 /src/main.go

FROM debian:bookworm-slim
COPY --chmod=755 run.sh /usr/local/bin/run.sh
# not copied by this file
RUN chmod 700 /etc/ssl/private
COPY app.py /app/app.py
# the RUN does real work too
RUN chmod +x /app/app.py && python3 -m compileall /app
# a cd makes the path unknown
RUN cd /app && chmod 600 app.py
# a path written by a RUN since the COPY
COPY tool /opt/tool
RUN sed -i 's/a/b/' /opt/tool > /opt/tool
RUN chmod +x /opt/tool
# a mount target is not in the layer
RUN --mount=type=bind,source=x,target=/mnt/x chmod +x /mnt/x
