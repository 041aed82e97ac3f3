FROM alpine:3.20
Add start.sh /start.sh
CMD ["/start.sh"]
