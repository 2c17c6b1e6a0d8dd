// Stands in for an advertising pixel (Meta's _fbp). It runs only after the visitor accepts marketing.
document.documentElement.dataset.marketingRan = 'yes'
document.cookie = `_fbp=fb.1.${Date.now()}.sandbox; path=/; max-age=7776000; samesite=lax`
