FROM python:3.12-slim
RUN ["pip", "install", "--no-cache-dir", "flask"]
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]
ENTRYPOINT ["python", \
            "app.py"]
CMD python app.py
