# escape=`
FROM eclipse-temurin:21-jdk AS base
WORKDIR /app
COPY . .
RUN ./mvnw -B package -DskipTests

# want "sdk-image-in-final-stage"
FROM base
CMD ["java", "-jar", "target/app.jar"]
