FROM alpine:3.20
Copy start.sh /start.sh
CMD ["/start.sh"]
