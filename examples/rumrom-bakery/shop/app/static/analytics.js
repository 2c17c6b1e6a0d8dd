// Stands in for Google Analytics (_ga). It runs only after the visitor accepts analytics.
document.documentElement.dataset.analyticsRan = 'yes'
document.cookie = `_ga=GA1.1.sandbox.${Date.now()}; path=/; max-age=63072000; samesite=lax`
