FROM python:3.12-slim
CMD ["python", "app.py"]
# the app
ENTRYPOINT ["python", "app.py"]
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"] || exit 1
