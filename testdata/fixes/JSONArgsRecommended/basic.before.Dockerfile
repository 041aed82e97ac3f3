FROM python:3.12-slim
CMD python app.py --port 80
ENTRYPOINT "/usr/bin/tini" --
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
FROM alpine:3.19
CMD echo $HOME
