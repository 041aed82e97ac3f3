# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
RUN pip install one
RUN pip install two `
    three
