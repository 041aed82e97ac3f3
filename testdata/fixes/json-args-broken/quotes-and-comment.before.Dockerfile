FROM python:3.12-slim
CMD ['python', 'app.py']
ENTRYPOINT ["python", "app.py"] # the app
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"] || exit 1
