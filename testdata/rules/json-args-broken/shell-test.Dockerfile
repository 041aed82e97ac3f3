FROM alpine:3.20
ARG SKIP_CHECKS=false
# A shell command that starts with the test command `[` is not exec form.
RUN [ "$SKIP_CHECKS" = "true" ] && exit 0; ./run-checks.sh
RUN [ -f /etc/alpine-release ] || exit 1
# The same opening with a comma after the first string is an array.
# want "json-args-broken"
RUN [ "sh", "-c", "echo hi" ] && true
