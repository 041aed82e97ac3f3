FROM alpine:3.20
RUN apk add --no-cache nginx
# nginx starts as root to bind port 80 and runs its workers as nginx.
CMD ["nginx", "-g", "daemon off;"]
