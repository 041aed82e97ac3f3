# openjdk is deprecated; its successor is another image, not a variant.
FROM openjdk:21
COPY app.jar /app.jar
