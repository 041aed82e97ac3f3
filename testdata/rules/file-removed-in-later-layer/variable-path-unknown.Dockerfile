FROM debian:bookworm-slim
ENV APP_HOME=/opt/app
RUN mkdir -p $APP_HOME/cache
# The RUN sets the variable itself: its value there is not the ENV's.
RUN APP_HOME=/srv; rm -rf $APP_HOME/cache
# A variable with no known value, a default, a command substitution.
RUN rm -rf $DATA_DIR/cache ${APP_HOME:-/x}/cache $(dirname /opt/app/cache)/cache
