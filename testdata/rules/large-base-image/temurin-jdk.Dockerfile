# A JDK to run a jar: the JRE of the same release is the smaller variant.
# want "large-base-image"
FROM eclipse-temurin:21-jdk-jammy
COPY app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
