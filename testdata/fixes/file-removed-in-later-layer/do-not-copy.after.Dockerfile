FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# leftover from an old build
COPY . .
CMD ["python", "app.py"]
