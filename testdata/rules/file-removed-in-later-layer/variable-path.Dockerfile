FROM debian:bookworm-slim
ENV APP_HOME=/opt/app
ARG BUILD_DIR=/tmp/build
RUN mkdir -p "$APP_HOME/cache" ${BUILD_DIR} && curl -fsSLo $BUILD_DIR/src.tgz https://example.com/src.tgz
# The same folders, named through the variables the Dockerfile set.
# want "file-removed-in-later-layer" "file-removed-in-later-layer"
RUN rm -rf "${APP_HOME}/cache" $BUILD_DIR
