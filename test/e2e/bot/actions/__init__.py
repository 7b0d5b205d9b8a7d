# The test bot's custom actions, which the action server image (rsj.test/rasa-sdk) carries at
# /app/actions and `python -m rasa_sdk --actions actions` loads.
