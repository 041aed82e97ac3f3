FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# leftover from an old build
COPY --chmod=600 id_rsa /root/.ssh/id_rsa
RUN rm /root/.ssh/id_rsa
COPY . .
CMD ["python", "app.py"]
